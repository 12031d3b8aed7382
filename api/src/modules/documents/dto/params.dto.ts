import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const KEY = /^[a-z0-9][a-z0-9-]{0,59}$/;

export class SlugParams {
  @ApiProperty({ example: 'bpf-cybersecurity-2016' })
  @Matches(SLUG, { message: 'must be a document slug (lowercase letters, digits and hyphens)' })
  slug!: string;
}

export class ParagraphParams extends SlugParams {
  @ApiProperty({ example: 'intro-core-finding', description: "The paragraph's stable key" })
  @Matches(KEY, { message: 'must be a paragraph key (lowercase letters, digits and hyphens)' })
  key!: string;
}
