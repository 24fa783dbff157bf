import { InvalidArgumentError } from 'commander';

/** Commander argument parsers that reject bad values with a message naming the expectation. */
export function integerIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}
