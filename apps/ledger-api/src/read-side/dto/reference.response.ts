import { ApiProperty } from '@nestjs/swagger';
import { FORUM_KINDS, type ForumKind } from '@concordat/domain';
import type { AdministrationItem, ForumItem, ThemeItem } from '@concordat/read-models';
import { CorrectionNoteView, PageInfoView, PartialDateView, ReadContextView, SourceRefView } from './common.response';

export class AdministrationView implements AdministrationItem {
  @ApiProperty({ example: 'MX-pena-nieto' })
  id!: string;
  @ApiProperty({ example: 0 })
  revision!: number;
  @ApiProperty({ example: 'MX' })
  country!: string;
  @ApiProperty({ example: 'Enrique Peña Nieto' })
  leader!: string;
  @ApiProperty({ example: '2012-12-01', format: 'date' })
  startedOn!: string;
  @ApiProperty({ type: String, nullable: true, example: '2018-11-30', format: 'date', description: 'Null while in office on asOf' })
  endedOn!: string | null;
  @ApiProperty({ example: false })
  inOffice!: boolean;
  @ApiProperty({ type: SourceRefView })
  source!: SourceRefView;
  @ApiProperty({ example: '2025-02-14T09:30:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ type: [CorrectionNoteView] })
  corrections!: CorrectionNoteView[];
}

export class ForumView implements ForumItem {
  @ApiProperty({ example: 'us-mx-security-cooperation-group' })
  id!: string;
  @ApiProperty({ example: 0 })
  revision!: number;
  @ApiProperty({ example: 'U.S.-Mexico Security Cooperation Group' })
  name!: string;
  @ApiProperty({ type: [String], example: ['SCG'] })
  aliases!: string[];
  @ApiProperty({ enum: FORUM_KINDS, enumName: 'ForumKind', example: 'standing-group' })
  kind!: ForumKind;
  @ApiProperty({ type: [String], example: ['US', 'MX'] })
  parties!: string[];
  @ApiProperty({ type: String, nullable: true, example: null })
  description!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  parentForum!: string | null;
  @ApiProperty({ type: PartialDateView, nullable: true })
  establishedOn!: PartialDateView | null;
  @ApiProperty({ type: SourceRefView })
  source!: SourceRefView;
  @ApiProperty({ example: '2025-02-14T09:30:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ type: [CorrectionNoteView] })
  corrections!: CorrectionNoteView[];
}

export class ThemeView implements ThemeItem {
  @ApiProperty({ example: 'counter-narcotics' })
  id!: string;
  @ApiProperty({ example: 0 })
  revision!: number;
  @ApiProperty({ example: 'Counter-narcotics' })
  name!: string;
  @ApiProperty({ example: 'Action against the production, trafficking and supply of illicit drugs, including eradication and drug-policy coordination.' })
  definition!: string;
  @ApiProperty({ type: SourceRefView, nullable: true })
  source!: SourceRefView | null;
  @ApiProperty({ example: '2025-02-14T09:30:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ type: [CorrectionNoteView] })
  corrections!: CorrectionNoteView[];
}

export class AdministrationListView extends ReadContextView {
  @ApiProperty({ type: [AdministrationView] })
  items!: AdministrationView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}

export class ForumListView extends ReadContextView {
  @ApiProperty({ type: [ForumView] })
  items!: ForumView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}

export class ThemeListView extends ReadContextView {
  @ApiProperty({ type: [ThemeView] })
  items!: ThemeView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}
