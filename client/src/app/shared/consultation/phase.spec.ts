import { consultationState, fromLocalInputValue, timeLeftText, toLocalInputValue } from './phase';

const NOW = Date.parse('2016-11-18T12:00:00.000Z');

describe('consultationState', () => {
  it('is open, with the time left, before the deadline', () => {
    const state = consultationState({ phase: 'open', commentDeadline: '2016-11-30T12:00:00.000Z' }, NOW);
    expect(state).toMatchObject({ open: true, title: 'Open for comment', deadline: '2016-11-30T12:00:00.000Z', timeLeft: '12 days left', reason: '' });
    expect(consultationState({ phase: 'open', commentDeadline: null }, NOW)).toMatchObject({ open: true, deadline: null, timeLeft: '' });
  });

  it('counts what is left in whole days, rounding up', () => {
    expect(timeLeftText('2016-11-19T18:00:00.000Z', NOW)).toBe('2 days left');
    expect(timeLeftText('2016-11-19T12:00:00.000Z', NOW)).toBe('1 day left');
    expect(timeLeftText('2016-11-18T20:00:00.000Z', NOW)).toBe('less than a day left');
  });

  it('is closed, with a reason, outside the open phase or after the deadline', () => {
    expect(consultationState({ phase: 'open', commentDeadline: '2016-11-18T11:59:00.000Z' }, NOW)).toMatchObject({
      open: false,
      title: 'Closed for comment',
      reason: expect.stringContaining('deadline has passed'),
    });
    expect(consultationState({ phase: 'closed', commentDeadline: null }, NOW)).toMatchObject({ open: false, title: 'Closed for comment' });
    expect(consultationState({ phase: 'final', commentDeadline: null }, NOW)).toMatchObject({ open: false, title: 'Final version' });
    expect(consultationState({ phase: 'draft', commentDeadline: null }, NOW)).toMatchObject({ open: false, title: 'Draft (editors only)' });
    expect(consultationState({ phase: 'closed', commentDeadline: null }, NOW).reason).not.toBe('');
  });

  it('converts between ISO instants and datetime-local values in the local time zone', () => {
    const local = toLocalInputValue('2016-11-30T23:59:00.000Z');
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInputValue(local)).toBe('2016-11-30T23:59:00.000Z');
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('30/11/2016')).toBeNull();
    expect(toLocalInputValue(null)).toBe('');
  });
});
