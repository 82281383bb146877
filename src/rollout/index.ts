// The rollout layer's public API: canary assignment, the guard, and the controller that moves
// traffic between production, candidate (canary) and shadow.
export { canaryBucket, checkShare, fnv1a32, routeToCanary } from './canary-assignment.js';
export { DEFAULT_GUARD_POLICY, evaluateGuard, type ArmStats, type GuardDecision, type GuardPolicy } from './guard.js';
export { armStatsSince } from './guard-stats.js';
export { createRolloutCounters, type RolloutCounters } from './live-counts.js';
export { RolloutController, type GuardCheck, type RolloutControllerDeps } from './rollout-controller.js';
