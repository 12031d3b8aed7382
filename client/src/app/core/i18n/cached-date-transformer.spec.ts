import { CachedDateTransformer } from './cached-date-transformer';

describe('CachedDateTransformer', () => {
  const date = new Date('2016-11-21T09:30:00Z');

  it('formats as Intl does, in each locale', () => {
    const transformer = new CachedDateTransformer();
    const options = { dateStyle: 'long', timeZone: 'UTC' } as const;
    expect(transformer.transform(date, 'en-GB', options)).toBe(new Intl.DateTimeFormat('en-GB', options).format(date));
    expect(transformer.transform(date, 'fr-FR', options)).toBe(new Intl.DateTimeFormat('fr-FR', options).format(date));
  });

  it('builds one formatter per locale and options, however many dates it formats', () => {
    const transformer = new CachedDateTransformer();
    const made = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let i = 0; i < 50; i++) transformer.transform(new Date(date.getTime() + i * 86_400_000), 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
      transformer.transform(date, 'es-ES', { dateStyle: 'medium', timeZone: 'UTC' });
      expect(made).toHaveBeenCalledTimes(2);
    } finally {
      made.mockRestore();
    }
  });

  it('answers an invalid date with an empty string', () => {
    expect(new CachedDateTransformer().transform(new Date('not a date'), 'en-GB', {})).toBe('');
  });
});
