import { stackSuite } from './stack-suite.js';

stackSuite('go');
