/** The demo shop generator: see README.md in this folder. */
export { DEFAULT_DEMO_NOW, defaultSizes, generateDemoShop, type DemoOptions, type DemoSummary } from './generate';
export { demoTruth, demoTruthFromRefs, parseDemoRef, samePerson, type DemoRef, type DemoTruth } from './truth';
