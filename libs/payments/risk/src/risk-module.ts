import { randomUUID } from 'node:crypto';
import { consumers, PopulationSettings } from '@paybench/payments-dataset';
import { ordersContract } from '@paybench/payments-orders';
import { defineModule } from '@paybench/platform-host';
import { riskContract, type Assessment } from './contract.js';
import { rejectionReasons } from './rejection-reasons.js';
import { riskScore } from './risk-score.js';
import { createRiskStore } from './risk-store.js';

/**
 * Risk: scores a purchase from the consumer's segment, the amount and the consumer's recent
 * orders (asked of orders through its contract), and approves or rejects it against the
 * payment option's limits. Every assessment is recorded.
 */
export const riskModule = defineModule({
  name: 'risk',
  contract: riskContract,
  dependencies: { orders: ordersContract },
  /** Risk reads only which population to load the risk profiles of. */
  settings: PopulationSettings,
  create: ({ db, logger, deps, settings }) => {
    const { seed, consumers: population } = settings;
    const store = createRiskStore(db);
    store.upsertProfiles(consumers(seed, population).map((c) => ({ consumerId: c.id, segment: c.riskSegment })));

    return {
      assess: async (input) => {
        const { consumerId, merchantId, amount, limits } = input;
        const activity = await deps.orders.recentActivity({
          consumerId,
          windowMinutes: limits.velocity.windowMinutes,
        });
        const score = riskScore({
          segment: store.segmentOf(consumerId),
          consumerId,
          merchantId,
          amount,
          maxAmount: limits.maxAmount,
          recentOrders: activity.orders,
        });
        const reasons = rejectionReasons({ amount, recentOrders: activity.orders, score }, limits);
        const assessment: Assessment = {
          assessmentId: `ras_${randomUUID().replaceAll('-', '')}`,
          decision: reasons.length > 0 ? 'reject' : 'approve',
          score,
          reasons,
        };
        store.recordAssessment(input, assessment, new Date().toISOString());
        logger.info(
          { step: 'assess_risk', assessmentId: assessment.assessmentId, decision: assessment.decision, score, reasons },
          'risk assessed',
        );
        return assessment;
      },
    };
  },
});
