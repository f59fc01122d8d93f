export * from './capacity-estimator';
