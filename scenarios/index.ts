export { Scenario, ScenarioFile, TurnExpectation, Turn } from './schema';
export { loadScenarioFile, runScenario, runScenarioFile, valueOf, type ScenarioResult } from './run';
