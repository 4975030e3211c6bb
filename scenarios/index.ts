export { Scenario, ScenarioFile, TurnExpectation, Turn } from './schema';
export { loadScenarioFile, runScenario, runScenarioFile, valueOf, type ScenarioResult } from './run';
export { coverageReport, coverageUniverse, addCoverage, addValueCoverage, emptyCovered, formatCoverage, rowKey, type CoverageReport, type CoverageItem, type Covered } from './coverage';
export { runTests, scenarioFiles, type TestReport, type FileResult } from './test-run';
