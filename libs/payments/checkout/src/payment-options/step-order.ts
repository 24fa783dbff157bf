import type { z } from 'zod';

interface NamedStep {
  readonly step: string;
}

/**
 * The rules a list of steps must follow to make a flow that can run. They follow from what each
 * step needs: every step after authenticate needs the consumer; create_order needs the funding
 * source and ends the flow by returning the order.
 */
export function checkStepOrder(steps: readonly NamedStep[], ctx: z.RefinementCtx): void {
  const fail = (index: number | undefined, message: string) =>
    ctx.addIssue({ code: 'custom', path: index === undefined ? [] : [index, 'step'], message });

  const seen = new Map<string, number>();
  steps.forEach(({ step }, index) => {
    if (seen.has(step)) fail(index, `${step} appears more than once (first at step ${seen.get(step)})`);
    else seen.set(step, index);
  });

  const last = steps.length - 1;
  if (steps[0]?.step !== 'authenticate') fail(0, 'the first step must be authenticate');
  if (steps[last]?.step !== 'create_order') fail(last, 'the last step must be create_order');

  const funding = seen.get('collect_funding');
  const order = seen.get('create_order');
  if (funding === undefined) fail(undefined, 'collect_funding is required: create_order needs a funding source');
  else if (order !== undefined && funding > order) fail(funding, 'collect_funding must come before create_order');
}
