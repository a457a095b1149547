import noHomePath from './no-home-path.js';
import noLeakedResource from './no-leaked-resource.js';
import preferUsing from './prefer-using.js';

/** Every rule of the plugin by name, sorted (the meta-test checks the order, the docs and the tests). */
export const rules = {
  'no-home-path': noHomePath,
  'no-leaked-resource': noLeakedResource,
  'prefer-using': preferUsing,
};
