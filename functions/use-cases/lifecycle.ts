/**
 * What the deadline-lifecycle and plan-calendar state machines' tasks do, one module per step in
 * lifecycle/: plan the next step from the data, remind the units still missing, mark them overdue
 * at the cut-off, escalate them to the steering committee, list the deadlines to run.
 */
export { type DeadlineRef, deadlineId, parseDeadlineId } from "../../shared/calendar/instance-id";
export type { LifecycleDeps, Outcome } from "./lifecycle/deps";
export { escalate, escalationAudiences } from "./lifecycle/escalate";
export { listDueDeadlines } from "./lifecycle/list-due-deadlines";
export { markOverdue } from "./lifecycle/mark-overdue";
export { planNextStep } from "./lifecycle/plan-next-step";
export { remind } from "./lifecycle/remind";
