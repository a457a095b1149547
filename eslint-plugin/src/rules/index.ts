import noHomePath from './no-home-path.js';

/** Every rule of the plugin by name, sorted (the meta-test checks the order, the docs and the tests). */
export const rules = {
  'no-home-path': noHomePath,
};
