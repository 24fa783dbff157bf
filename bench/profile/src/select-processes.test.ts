import { describe, expect, it } from 'vitest';
import { selectProcesses } from './select-processes.js';

describe('choosing the processes to profile', () => {
  it('--module picks the process hosting it in each topology', () => {
    expect(
      selectProcesses(['monolith', 'microservices', 'extract-risk'], { module: 'risk' }, { single: true }),
    ).toEqual({ monolith: ['monolith'], microservices: ['risk'], 'extract-risk': ['risk'] });
    expect(selectProcesses(['extract-risk'], { module: 'orders' }, { single: false })).toEqual({
      'extract-risk': ['core'],
    });
  });

  it('--process names them; cpu without a choice takes every process', () => {
    expect(selectProcesses(['microservices'], { processes: ['risk', 'checkout'] }, { single: false })).toEqual({
      microservices: ['risk', 'checkout'],
    });
    expect(selectProcesses(['monolith', 'microservices'], {}, { single: false })).toEqual({
      monolith: ['monolith'],
      microservices: ['auth', 'funding', 'orders', 'risk', 'checkout'],
    });
  });

  it('refuses unknown names, listing the valid ones', () => {
    expect(() => selectProcesses(['microservices'], { processes: ['riks'] }, { single: false })).toThrow(
      /no process "riks" in topology microservices: .*auth \(auth\), funding \(funding\)/,
    );
    expect(() => selectProcesses(['monolith'], { module: 'billing' }, { single: false })).toThrow(
      /unknown module "billing": the modules are auth, funding, orders, risk, checkout/,
    );
    expect(() => selectProcesses(['mesh'], {}, { single: false })).toThrow(/unknown topology "mesh"/);
  });

  it('a clinic tool takes exactly one process per topology', () => {
    expect(() => selectProcesses(['monolith'], {}, { single: true })).toThrow(
      /one process per topology: choose it with --process <name> or --module <module>/,
    );
    expect(() => selectProcesses(['microservices'], { processes: ['risk', 'auth'] }, { single: true })).toThrow(
      /not 2 \(risk, auth\)/,
    );
    expect(() => selectProcesses(['microservices'], { processes: ['risk'], module: 'risk' }, { single: true })).toThrow(
      /not both/,
    );
  });
});
