import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';

function run(args: string[]): { exitCode: number | undefined; out: string; err: string } {
  const program = buildProgram();
  let out = '';
  let err = '';
  const capture = (command: Command) => {
    command.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
    command.commands.forEach(capture);
  };
  capture(program);
  try {
    program.parse(args, { from: 'user' });
    return { exitCode: undefined, out, err };
  } catch (error) {
    return { exitCode: (error as { exitCode: number }).exitCode, out, err };
  }
}

describe('paybench command line', () => {
  it('exits 2 with a message naming the option for a bad port', () => {
    const result = run(['up', '--port', 'abc']);
    expect(result.exitCode).toBe(EXIT.usage);
    expect(result.err).toMatch(/--port[\s\S]*expected an integer from 1024 to 64000/);
  });

  it('exits 2 for an unknown command and for a bad logger mode', () => {
    expect(run(['launch']).exitCode).toBe(EXIT.usage);
    expect(run(['up', '--logger-mode', 'fast']).err).toMatch(/Allowed choices are sync, async, async-bounded/);
    expect(run(['up', '--driver', 'lossy']).exitCode).toBe(EXIT.usage);
  });

  it('shows help with examples and exits 0', () => {
    const result = run(['up', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.out).toMatch(/--topology[\s\S]*Examples:[\s\S]*curl/);
  });

  it('calibrate: help with its defaults, and exit 2 on a bad ladder', () => {
    const help = run(['calibrate', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.out).toMatch(/--rates[\s\S]*--duration <duration>\s+measured window of every rung \(default: 4s\)/);
    expect(run(['calibrate', '--factor', '1']).err).toMatch(/--factor[\s\S]*expected a number from 1.05 to 10/);
    expect(run(['calibrate', '--rates', '1000,x']).err).toMatch(/comma-separated list of integers/);
    expect(run(['calibrate', '--pin', 'cpu0']).exitCode).toBe(EXIT.usage);
  });
});
