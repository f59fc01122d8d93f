export * from './job-line-review.entity';
export * from './review.results';
export * from './review.service';
