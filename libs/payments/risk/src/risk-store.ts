import { migrate, transaction, type Database } from '@paybench/platform-storage';
import type { Assessment } from './contract.js';
import { riskSchema } from './risk-schema.js';
import type { RiskSegment } from './risk-score.js';

export interface RiskProfile {
  consumerId: string;
  segment: RiskSegment;
}

export interface AssessedPurchase {
  consumerId: string;
  merchantId: string;
  amount: number;
}

export interface RiskStore {
  /** Loads (or refreshes) profiles; safe to run at every start. */
  upsertProfiles(profiles: readonly RiskProfile[]): void;
  segmentOf(consumerId: string): RiskSegment | undefined;
  recordAssessment(purchase: AssessedPurchase, assessment: Assessment, createdAt: string): void;
}

/** Creates the risk tables if needed and prepares every statement once. */
export function createRiskStore(db: Database): RiskStore {
  migrate(db, 'risk', riskSchema);

  // Upsert rather than insert-if-missing: restarting on the same database with another seed
  // must not leave the previous population's segments behind.
  const upsertProfile = db.prepare(`
    INSERT INTO risk_profiles (consumer_id, segment) VALUES (?, ?)
    ON CONFLICT (consumer_id) DO UPDATE SET segment = excluded.segment`);
  const selectSegment = db.prepare('SELECT segment FROM risk_profiles WHERE consumer_id = ?');
  const insertAssessment = db.prepare(`
    INSERT INTO risk_assessments (id, consumer_id, merchant_id, amount, score, decision, reasons_json, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);

  return {
    upsertProfiles(profiles) {
      transaction(db, () => {
        for (const p of profiles) upsertProfile.run(p.consumerId, p.segment);
      });
    },
    segmentOf(consumerId) {
      const row = selectSegment.get(consumerId) as { segment: RiskSegment } | undefined;
      return row?.segment;
    },
    recordAssessment(purchase, assessment, createdAt) {
      insertAssessment.run(
        assessment.assessmentId,
        purchase.consumerId,
        purchase.merchantId,
        purchase.amount,
        assessment.score,
        assessment.decision,
        JSON.stringify(assessment.reasons),
        createdAt,
      );
    },
  };
}
