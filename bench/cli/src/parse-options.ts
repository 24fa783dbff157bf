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

/** A finite number in [min, max], decimals allowed. */
export function numberIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}`);
    return n;
  };
}

/** A comma-separated list of integers in [min, max], such as 1000,2000,5000. */
export function integerListIn(min: number, max: number) {
  const integer = integerIn(min, max);
  return (value: string): number[] => {
    const parts = value.split(',');
    try {
      return parts.map((part) => integer(part.trim()));
    } catch {
      throw new InvalidArgumentError(`expected a comma-separated list of integers from ${min} to ${max}`);
    }
  };
}
