import { ApiProperty } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class RebuildQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', example: 'true', description: 'true: answer once the new read models are swapped in; false: answer 202 at once' })
  @IsOptional()
  @IsIn(['true', 'false'])
  wait?: 'true' | 'false';
}

export class RebuildResultView {
  @ApiProperty({ enum: ['completed', 'started'], example: 'completed' })
  status!: 'completed' | 'started';
  @ApiProperty({ example: '2025-03-02T10:15:00.000Z', format: 'date-time' })
  startedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '2025-03-02T10:15:04.210Z', format: 'date-time' })
  finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 4210 })
  durationMs!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '100000', description: 'Global log position the new read models reached' })
  position!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 100000 })
  eventsProjected!: number | null;
}
