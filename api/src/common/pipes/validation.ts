import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldError } from '@doorway/contracts';
import { memoizeValidationMetadata } from '../validation/metadata-memo';

/** Far deeper than any request of this API (a draft is sections → paragraphs → provenance). */
export const MAX_INPUT_DEPTH = 32;

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function validationFailed(details: FieldError[]): BadRequestException {
  const message = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
  return new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message, details });
}

/**
 * Input that the transformation itself cannot survive, found without recursion: nesting so deep
 * that class-transformer overflows the stack (a 500), and null characters, which PostgreSQL
 * cannot store in text (another 500). Both are refused before anything else looks at the value.
 */
export function hostileInput(value: unknown): FieldError | null {
  const stack: { value: unknown; field: string; depth: number }[] = [{ value, field: '', depth: 0 }];
  while (stack.length) {
    const item = stack.pop();
    if (!item) break;
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return { field: item.field || 'value', problems: ['must not contain a null character'] };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_INPUT_DEPTH) return { field: item.field || 'value', problems: [`must not be nested more than ${MAX_INPUT_DEPTH} levels deep`] };
    for (const [key, child] of Object.entries(item.value)) {
      stack.push({ value: child, field: item.field ? `${item.field}.${key}` : key, depth: item.depth + 1 });
    }
  }
  return null;
}

/** The validation pipe, after a first look for input that would break it (see hostileInput). */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = hostileInput(value);
      if (problem) throw validationFailed([problem]);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Strict validation for every body, query and parameter: unknown fields are refused, so nobody can
 * slip in `role` or `authorId`, and the 400 names each field and what is wrong with it.
 */
export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
