/// <reference lib="dom" />
import * as Plot from '@observablehq/plot';
import { DOTS_PER_FORUM, type ForumsVM } from './api-adapter';
import { h, replace } from './dom';

const LONG_GAP_DAYS = 365;
const day = (d: string): Date => new Date(`${d}T00:00:00Z`);

/** Meetings per forum on a time axis; gaps over a year in orange, the silence up to asOf dashed; unrecorded sequence numbers listed. */
export function renderForums(target: HTMLElement, vm: ForumsVM): void {
  if (!vm.forums.length) {
    replace(target, h('p', { class: 'empty' }, `No meeting on record as of ${vm.asOf}.`));
    return;
  }
  const meetings = vm.forums.flatMap((f) => f.meetings.map((m) => ({ ...m, forum: f.name, date: day(m.on) })));
  const years = vm.forums.flatMap((f) => (f.perYear ?? []).filter((y) => y.meetings > 0).map((y) => ({ ...y, forum: f.name, date: day(`${y.year}-07-01`) })));
  const gaps = vm.forums.flatMap((f) => f.gaps.map((g) => ({ ...g, forum: f.name, x1: day(g.from), x2: day(g.to) })));
  const chart = Plot.plot({
    ariaLabel: `Forum timelines as of ${vm.asOf}`,
    ariaDescription: `One row per forum; dots are meetings (numbered when the sequence is known); a forum with more than ${DOTS_PER_FORUM} meetings shows one larger dot per year with its count; orange segments are gaps of more than a year; a dashed segment is the silence from the last meeting to the as-of date.`,
    width: 900,
    height: 60 + vm.forums.length * 42,
    marginLeft: 290,
    x: { type: 'utc', label: null, grid: true },
    y: { domain: vm.forums.map((f) => f.name), label: null, tickFormat: (name: string) => (name.length > 40 ? `${name.slice(0, 38)}…` : name) },
    marks: [
      ...[false, true].map((open) =>
        Plot.link(
          gaps.filter((g) => g.open === open),
          {
            x1: 'x1',
            x2: 'x2',
            y1: 'forum',
            y2: 'forum',
            stroke: (g: { days: number }) => (g.days > LONG_GAP_DAYS ? '#E69F00' : '#bbbbbb'),
            strokeWidth: (g: { days: number }) => (g.days > LONG_GAP_DAYS ? 4 : 2),
            strokeDasharray: open ? '5,4' : undefined,
            title: (g: { from: string; to: string; days: number }) => `${open ? 'Silence since the last meeting' : 'Gap'}: ${g.from} to ${g.to}, ${g.days} days`,
          },
        ),
      ),
      Plot.line(meetings, { x: 'date', y: 'forum', z: 'forum', stroke: '#dddddd', strokeWidth: 1, ariaHidden: 'true' }),
      Plot.dot(meetings, { x: 'date', y: 'forum', r: 6, fill: '#0072B2', stroke: 'white', title: (m: { title: string; on: string }) => `${m.title} (${m.on})` }),
      Plot.dot(years, { x: 'date', y: 'forum', r: 10, fill: '#56B4E9', stroke: 'white', title: (y: { year: number; meetings: number }) => `${y.meetings} meeting${y.meetings === 1 ? '' : 's'} in ${y.year}` }),
      Plot.text(years, { x: 'date', y: 'forum', text: (y: { meetings: number }) => String(y.meetings), fontSize: 9, ariaHidden: 'true' }),
      Plot.text(meetings.filter((m) => m.sequence !== null), { x: 'date', y: 'forum', text: (m: { sequence: number }) => `#${m.sequence}`, dy: -12, fontSize: 10 }),
      Plot.ruleX([day(vm.asOf)], { stroke: '#000', strokeDasharray: '2,2' }),
    ],
  });
  const notes = vm.forums.filter((f) => f.unrecordedCount || f.perYear || (f.daysSince ?? 0) > LONG_GAP_DAYS);
  replace(
    target,
    chart,
    h(
      'ul',
      { class: 'forum-notes', 'data-testid': 'forum-notes' },
      notes.map((f) =>
        h(
          'li',
          { 'data-forum': f.forum },
          h('strong', {}, f.name),
          f.perYear ? ` (${f.meetingCount} meetings, drawn per year)` : '',
          f.unrecorded.length ? `: no record of meeting${f.unrecordedCount === 1 ? '' : 's'} #${f.unrecorded.join(', #')}${f.unrecordedCount > f.unrecorded.length ? ` and ${f.unrecordedCount - f.unrecorded.length} more` : ''}` : '',
          (f.daysSince ?? 0) > LONG_GAP_DAYS ? `; silent for ${f.daysSince} days by ${vm.asOf}` : '',
          f.silenceBeyondRecord ? [' ', h('span', { class: 'beyond' }, 'and beyond the record')] : null,
        ),
      ),
    ),
    vm.total > vm.forums.length ? h('p', { class: 'hint' }, `Showing the ${vm.forums.length} busiest of ${vm.total} forums that met.`) : null,
  );
}
