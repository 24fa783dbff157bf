import { describe, expect, it } from 'vitest';
import { formatChange, formatValue } from './format-figure.js';

describe('formatValue', () => {
  it('keeps a small ratio readable instead of rounding it to x0.00', () => {
    expect(formatValue(8.76 / 2003, 'x')).toBe('x0.00437');
    expect(formatValue(0.96, 'x')).toBe('x0.96');
    expect(formatValue(10.5, 'x')).toBe('x10.5');
    expect(formatValue(0, 'x')).toBe('x0.00');
  });

  it('prints a missing value as -, never as 0, and truncates availability', () => {
    expect(formatValue(null, 'ms')).toBe('-');
    expect(formatValue(99.999, '%')).toBe('99.99 %');
    expect(formatValue(100, '%')).toBe('100 %');
  });
});

describe('formatChange', () => {
  it('signs the change and says when the baseline was 0', () => {
    expect(formatChange(1.5)).toBe('+50%');
    expect(formatChange(0.97)).toBe('-3.0%');
    expect(formatChange(Infinity)).toBe('from 0');
    expect(formatChange(null)).toBe('-');
  });
});
