// CDK-for-Terraform constructs of log-shipper (`@logshipper/log-shipper/constructs`): one LogShipperRuntime per
// stack, one LogShipper per shipper. They run on cdktf 0.21 or CDK Terrain (cdktn) 0.24, whichever the app installed.
export {
  DEFAULT_HANDLER_BUNDLE,
  HANDLER_BUNDLE_CONTEXT,
  LAMBDA_RUNTIMES,
  LOG_RETENTION_DAYS,
  LogShipperRuntime,
  type LambdaRuntime,
  type LogShipperRuntimeProps,
  type ShipperRegistration,
} from "./runtime";
export {
  LogShipper,
  type KestraFlowOptions,
  type LogShipperOptions,
  type LogShipperProps,
  type LogShipperSecret,
} from "./log-shipper";
export { ShipperStateMachine, type LogShipperScaleOut, type ShipperStateMachineProps } from "./scale-out";
export { CDK_FLAVOUR, CDK_FLAVOUR_ENV, type CdkFlavour } from "./private/cdk";
export { SchedulerExpressionError, toSchedulerExpression } from "./private/scheduler-expression";
