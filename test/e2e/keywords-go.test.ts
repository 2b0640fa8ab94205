import { keywordSuite } from './keyword-suite.js';

keywordSuite('go');
