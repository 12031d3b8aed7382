import { closedReason, formatInstant } from './consultation-gate';

describe('closedReason', () => {
  const deadline = new Date('2016-11-30T23:59:00Z');

  it('is null while open and before the deadline, or with none', () => {
    expect(closedReason({ phase: 'open', comment_deadline: null, past_deadline: false })).toBeNull();
    expect(closedReason({ phase: 'open', comment_deadline: deadline, past_deadline: false })).toBeNull();
  });

  it('names the phase outside the open phase, before any deadline', () => {
    expect(closedReason({ phase: 'closed', comment_deadline: deadline, past_deadline: true })).toBe('it is in the closed phase');
    expect(closedReason({ phase: 'draft', comment_deadline: null, past_deadline: false })).toBe('it is in the draft phase');
  });

  it('says when the consultation closed once the deadline has passed', () => {
    expect(closedReason({ phase: 'open', comment_deadline: deadline, past_deadline: true })).toBe(
      'the consultation closed on 2016-11-30 23:59 UTC',
    );
    expect(formatInstant(new Date('2031-03-01T08:05:59.999Z'))).toBe('2031-03-01 08:05 UTC');
  });
});
