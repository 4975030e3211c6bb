/** Citizen-facing templates: `{name}`, `{if …}…{else}…{end}`, `{plural n: Jahr | Jahre}`. */
export { parseTemplate, templateParts, type TemplateNode, type TemplateProblem, type ParsedTemplate } from './parse';
export { renderNodes, type TemplateEnv } from './render';
