/// <reference lib="dom" />
/**
 * The ONE place that knows the read API's shapes. Every other module of the page works on the
 * view models below; when a report's shape changes, this file changes and nothing else. Fields a
 * newer API may add (coverage, uncertain attributions, "beyond the record" outcomes, sequence
 * gaps, bounded reference lists) are read here when present and left empty when not.
 */
export * from './api/http';
export * from './api/priorities';
export * from './api/handovers';
export * from './api/forums';
export * from './api/pledges';
export * from './api/reference';
export * from './api/feeds';
