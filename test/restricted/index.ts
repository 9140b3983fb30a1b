export { run } from '../integration/suite/index';
