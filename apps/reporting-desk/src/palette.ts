/**
 * Okabe & Ito's colour-blind-safe palette for statuses; every colour is paired with the status
 * written out, so nothing is told by colour alone. "Not yet assessed" and "proposed" are grey
 * on purpose: they are not findings.
 */
export const STATUS_COLOURS: Record<string, string> = {
  proposed: '#999999',
  not_yet_assessed: '#bbbbbb',
  agreed: '#56B4E9',
  in_progress: '#0072B2',
  stalled: '#E69F00',
  suspended: '#D55E00',
  partially_fulfilled: '#F0E442',
  fulfilled: '#009E73',
  lapsed: '#CC79A7',
  withdrawn: '#000000',
  superseded: '#7f7f7f',
};
export const STATUSES = Object.keys(STATUS_COLOURS);
export const FIRMNESS = ['pledged', 'committed', 'allocated', 'disbursed'];
export const FIRMNESS_COLOURS = ['#E69F00', '#56B4E9', '#0072B2', '#009E73'];
/** Single-hue sequential scheme for counts (readable for every colour vision), with the count printed in the cell. */
export const HEAT_SCHEME = 'blues';
