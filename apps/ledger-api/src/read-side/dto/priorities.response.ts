import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { OccasionRef, PrioritiesRow, PriorityChangeRow, ThemeAgreement, ThemeEvidence, ThemeShift } from '@concordat/read-models';
import { AdministrationRefView, PageInfoView, ReadContextView, SourceRefView } from './common.response';

/** What makes an agreement traceable: the parties' own words and the quoted source. */
export class ThemeEvidenceView implements ThemeEvidence {
  @ApiProperty({ type: String, nullable: true, example: 'us-mx-security-cooperation-group-5' })
  meetingId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Set when the evidence is a pledge' })
  pledgeId!: string | null;
  @ApiProperty({ example: 'stem heroin production and reduce demand for illicit opioids', description: "A priority's statement or a pledge's description" })
  words!: string;
  @ApiProperty({ type: SourceRefView })
  source!: SourceRefView;
}

export class OccasionRefView implements OccasionRef {
  @ApiProperty({ example: 'meeting:us-mx-security-cooperation-group-5', description: '`meeting:<id>`, or `document:<file>` for an undertaking outside a meeting' })
  occasion!: string;
  @ApiProperty({ type: String, nullable: true, example: 'us-mx-security-cooperation-group-5' })
  meetingId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'The pledge, for an occasion that is a document' })
  pledgeId!: string | null;
  @ApiProperty({ example: '2016', description: 'Partial date the agreement is credited at' })
  date!: string;
  @ApiProperty({ example: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group' })
  label!: string;
  @ApiProperty({ enum: ['certain', 'uncertain'], example: 'certain' })
  attribution!: 'certain' | 'uncertain';
}

export class ListQueriesView {
  @ApiProperty({ example: '/v1/meetings?administration=US-obama&theme=counter-narcotics&asOf=2019-12-31' })
  meetings!: string;
  @ApiProperty({ example: '/v1/pledges?administration=US-obama&theme=counter-narcotics&asOf=2019-12-31' })
  pledges!: string;
}

@ApiSchema({ name: 'ThemeAgreementV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class ThemeAgreementView implements ThemeAgreement {
  @ApiProperty({ example: 'counter-narcotics' })
  theme!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Counter-narcotics' })
  themeName!: string | null;
  @ApiProperty({
    example: 2,
    description:
      'Occasions: distinct meetings (or source documents, for undertakings outside a meeting) where a government agreed the theme, as a priority or through an agreed pledge; five items of one agenda are one occasion. Certain and uncertain together',
  })
  occasions!: number;
  @ApiProperty({ example: 0, description: 'Of the occasions, those whose date interval only partly lies in the period (it spans a handover)' })
  occasionsUncertain!: number;
  @ApiProperty({ example: 3, description: 'Distinct agreed pledges on the theme: status agreed or one reached from it; never proposed or not_yet_assessed' })
  pledges!: number;
  @ApiProperty({ example: 0 })
  pledgesUncertain!: number;
  @ApiProperty({ example: '2015', description: "Date (as recorded) of the theme's first occasion: occasions are in the order of the day their first item counts" })
  firstAgreedOn!: string;
  @ApiProperty({ example: '2016', description: "Date (as recorded) of the theme's last occasion, in the same order" })
  lastAgreedOn!: string;
  @ApiProperty({ type: [OccasionRefView], description: 'The first occasions (at most 3); `list` gives them all' })
  firstOccasions!: OccasionRefView[];
  @ApiProperty({ type: [ThemeEvidenceView], description: 'The words and quoted source of the first items (at most 3)' })
  evidence!: ThemeEvidenceView[];
  @ApiProperty({ type: ListQueriesView, description: 'Read-API queries that list every meeting and pledge behind the row' })
  list!: ListQueriesView;
}

@ApiSchema({ name: 'PrioritiesRowV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class PrioritiesRowView implements PrioritiesRow {
  @ApiProperty({ example: 'US-obama+MX-pena-nieto', description: 'An administration id, or two joined by +' })
  key!: string;
  @ApiProperty({ enum: ['administration', 'pair'], example: 'pair' })
  kind!: 'administration' | 'pair';
  @ApiProperty({ type: [AdministrationRefView] })
  administrations!: AdministrationRefView[];
  @ApiProperty({ type: [String], example: ['US', 'MX'] })
  countries!: string[];
  @ApiProperty({ example: '2012-12-01', format: 'date', description: 'Start of the period (of the overlap, for a pair)' })
  from!: string;
  @ApiProperty({ type: String, nullable: true, example: '2017-01-19', format: 'date', description: 'End of the period; null while in office on asOf' })
  to!: string | null;
  @ApiProperty({ type: [ThemeAgreementView], description: 'Most occasions first' })
  themes!: ThemeAgreementView[];
}

@ApiSchema({ name: 'PrioritiesReportV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class PrioritiesReportView extends ReadContextView {
  @ApiProperty({ type: [PrioritiesRowView] })
  items!: PrioritiesRowView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}

@ApiSchema({ name: 'ThemeShiftV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class ThemeShiftView implements ThemeShift {
  @ApiProperty({ example: 'counter-narcotics' })
  theme!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Counter-narcotics' })
  themeName!: string | null;
  @ApiProperty({ type: ThemeAgreementView, nullable: true, description: 'Counts under the outgoing administration' })
  before!: ThemeAgreementView | null;
  @ApiProperty({ type: ThemeAgreementView, nullable: true, description: 'Counts under the incoming administration, up to comparedUntil' })
  after!: ThemeAgreementView | null;
}

@ApiSchema({ name: 'PriorityChangeRowV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class PriorityChangeRowView implements PriorityChangeRow {
  @ApiProperty({ example: 'US-obama>US-trump' })
  key!: string;
  @ApiProperty({ example: 'US' })
  country!: string;
  @ApiProperty({ type: AdministrationRefView })
  from!: AdministrationRefView;
  @ApiProperty({ type: AdministrationRefView })
  to!: AdministrationRefView;
  @ApiProperty({ example: '2017-01-20', format: 'date' })
  handoverOn!: string;
  @ApiProperty({ enum: ['within the record', 'beyond the record'], example: 'within the record', description: '`beyond the record`: the handover lies after the record\'s last fact, so nothing is said to continue, start or drop' })
  record!: 'within the record' | 'beyond the record';
  @ApiProperty({ type: String, nullable: true, example: '2019-12-31', format: 'date', description: 'The successor is compared up to its end, asOf or the record\'s last day, whichever comes first' })
  comparedUntil!: string | null;
  @ApiProperty({ type: [ThemeShiftView] })
  continued!: ThemeShiftView[];
  @ApiProperty({ type: [ThemeShiftView] })
  added!: ThemeShiftView[];
  @ApiProperty({ type: [ThemeShiftView] })
  dropped!: ThemeShiftView[];
}

@ApiSchema({ name: 'PriorityChangesReportV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class PriorityChangesReportView extends ReadContextView {
  @ApiProperty({ type: [PriorityChangeRowView] })
  items!: PriorityChangeRowView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}
