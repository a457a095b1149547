export type { BreakerInstrumentation } from './Instrumentation.js';
export type { CockatielInstrumentOptions } from './cockatiel.js';
export { instrumentCockatiel } from './cockatiel.js';
export type { OpossumInstrumentOptions } from './opossum.js';
export { instrumentOpossum } from './opossum.js';
