/** Citizen-facing templates: `{name}`, `{if …}…{else}…{end}`, `{plural n: Jahr | Jahre}`. */
export { parseTemplate, templateParts, type TemplateNode, type TemplateProblem, type ParsedTemplate } from './parse';
export { renderNodes, type TemplateEnv } from './render';
export { pluralCategory, requiredCategories, missingCategories, pickPlural, PLURAL_CATEGORIES, type PluralCategory, type PluralForms } from './plural';
