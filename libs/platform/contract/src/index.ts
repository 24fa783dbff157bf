export { DomainError, isDomainError, commonErrors, type ErrorBody } from './domain-error.js';
export {
  defineContract,
  type Contract,
  type ContractApi,
  type ContractImplementation,
  type ParsedInputOf,
  type OperationSpec,
  type OperationMap,
  type PublicRoute,
  type InputOf,
  type OutputOf,
} from './contract.js';
export { bindLocal, parseInput } from './bind-local.js';
export { describeZodError } from './describe-zod-error.js';
export {
  CallBudget,
  budgetSpent,
  callerGone,
  currentBudget,
  runWithBudget,
  throwIfBudgetSpent,
} from './call-budget.js';
export { currentRequest, runInRequest, type RequestContext, type TraceIds } from './request-context.js';
