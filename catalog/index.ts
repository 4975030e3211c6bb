/** The catalog: reads definition files from disk, validates and compiles them. */
export { loadCatalog, isDefinitionFile } from './load-catalog';
export { loadServiceFile, loadServiceSource, hashSource, type CatalogOptions } from './load-file';
export { loadCalendarFile, calendarBeside, isCalendarFile, CALENDAR_FILE } from './calendar-file';
export { loadRoutingCatalogue, CATALOGUE_FILE } from './routing-catalogue';
