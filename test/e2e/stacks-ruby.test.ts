import { stackSuite } from './stack-suite.js';

stackSuite('ruby');
