import { ApiProperty } from '@nestjs/swagger';
import type { PrioritiesRow, PriorityChangeRow, ThemeAgreement, ThemeEvidence, ThemeShift } from '@concordat/read-models';
import { AdministrationRefView, MeetingRefView, PageInfoView, PledgeRefView, ReadContextView, SourceRefView } from './common.response';

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

export class ThemeAgreementView implements ThemeAgreement {
  @ApiProperty({ example: 'counter-narcotics' })
  theme!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Counter-narcotics' })
  themeName!: string | null;
  @ApiProperty({ example: 2, description: 'Occasions: each meeting where it was agreed (priority or pledge), plus each pledge recorded from a document' })
  timesAgreed!: number;
  @ApiProperty({ example: '2015', description: 'Partial date as recorded' })
  firstAgreedOn!: string;
  @ApiProperty({ example: '2016' })
  lastAgreedOn!: string;
  @ApiProperty({ type: [MeetingRefView] })
  meetings!: MeetingRefView[];
  @ApiProperty({ type: [PledgeRefView] })
  pledges!: PledgeRefView[];
  @ApiProperty({ type: [ThemeEvidenceView], description: 'The words and quoted source behind each occasion' })
  evidence!: ThemeEvidenceView[];
}

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
  @ApiProperty({ type: [ThemeAgreementView], description: 'Most agreed first' })
  themes!: ThemeAgreementView[];
}

export class PrioritiesReportView extends ReadContextView {
  @ApiProperty({ type: [PrioritiesRowView] })
  items!: PrioritiesRowView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}

export class ThemeShiftView implements ThemeShift {
  @ApiProperty({ example: 'counter-narcotics' })
  theme!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Counter-narcotics' })
  themeName!: string | null;
  @ApiProperty({ type: ThemeAgreementView, nullable: true, description: 'What shows it under the outgoing administration' })
  before!: ThemeAgreementView | null;
  @ApiProperty({ type: ThemeAgreementView, nullable: true, description: 'What shows it under the incoming administration' })
  after!: ThemeAgreementView | null;
}

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
  @ApiProperty({ type: [ThemeShiftView] })
  continued!: ThemeShiftView[];
  @ApiProperty({ type: [ThemeShiftView] })
  added!: ThemeShiftView[];
  @ApiProperty({ type: [ThemeShiftView] })
  dropped!: ThemeShiftView[];
}

export class PriorityChangesReportView extends ReadContextView {
  @ApiProperty({ type: [PriorityChangeRowView] })
  items!: PriorityChangeRowView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}
