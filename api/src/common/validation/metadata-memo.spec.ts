import { plainToInstance } from 'class-transformer';
import { IsString, MetadataStorage, getMetadataStorage, validate } from 'class-validator';
import { CreateCommentDto, CreateSuggestionDto } from '../../modules/comments/dto/comment.dto';
import { memoizeValidationMetadata } from './metadata-memo';

/** A storage of its own (empty: the decorators fill the global one), whose lookups are counted. */
function countedStorage(): { storage: MetadataStorage; lookups: () => number } {
  const storage = new MetadataStorage();
  const original = storage.getTargetValidationMetadatas.bind(storage);
  let count = 0;
  storage.getTargetValidationMetadatas = (...args) => {
    count += 1;
    return original(...args);
  };
  return { storage, lookups: () => count };
}

describe('memoizeValidationMetadata', () => {
  it('looks a class up once per set of options, then hands out the same rules', () => {
    const { storage, lookups } = countedStorage();
    memoizeValidationMetadata(storage);
    const first = storage.getTargetValidationMetadatas(CreateCommentDto, '', false, false);
    const again = storage.getTargetValidationMetadatas(CreateCommentDto, '', false, false);
    expect(again).toBe(first);
    expect(lookups()).toBe(1);
    // Other options, or another class, are other answers.
    storage.getTargetValidationMetadatas(CreateCommentDto, '', true, false);
    storage.getTargetValidationMetadatas(CreateCommentDto, '', false, false, ['editor']);
    storage.getTargetValidationMetadatas(CreateSuggestionDto, '', false, false);
    expect(lookups()).toBe(4);
  });

  it('wraps a storage once however often it is asked', () => {
    const { storage, lookups } = countedStorage();
    memoizeValidationMetadata(storage);
    memoizeValidationMetadata(storage);
    storage.getTargetValidationMetadatas(CreateCommentDto, '', false, false);
    storage.getTargetValidationMetadatas(CreateCommentDto, '', false, false);
    expect(lookups()).toBe(1);
  });

  it('gives the same rules as the library, so validation reports the same problems', async () => {
    const storage = getMetadataStorage();
    const bad = { body: 42, quote: { exact: '', prefix: 3, suffix: 'after' }, attribution: 'loud' };
    const before = await validate(plainToInstance(CreateCommentDto, bad));
    const rulesBefore = storage.getTargetValidationMetadatas(CreateCommentDto, '', false, false);
    memoizeValidationMetadata(storage);
    const after = await validate(plainToInstance(CreateCommentDto, bad));
    expect(storage.getTargetValidationMetadatas(CreateCommentDto, '', false, false)).toEqual(rulesBefore);
    const problems = (errors: typeof before) =>
      errors.map((e) => ({ property: e.property, constraints: e.constraints, children: (e.children ?? []).map((c) => [c.property, c.constraints]) }));
    expect(problems(after)).toEqual(problems(before));
    expect(after.map((e) => e.property).sort()).toEqual(['attribution', 'body', 'quote']);
    // And a valid comment still passes.
    expect(await validate(plainToInstance(CreateCommentDto, { body: 'A comment long enough to pass.' }))).toEqual([]);
  });

  it('leaves a class with no rules without rules', () => {
    const { storage } = countedStorage();
    memoizeValidationMetadata(storage);
    class Bare {
      @IsString()
      name!: string;
    }
    // Registered on the global storage, not this one.
    expect(storage.getTargetValidationMetadatas(Bare, '', false, false)).toEqual([]);
  });
});
