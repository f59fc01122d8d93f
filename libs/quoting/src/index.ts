export * from './dto/quote-view.types';
export * from './jobs/price-quote.job';
export * from './quote-review.service';
export * from './quote-state';
export * from './quote.entity';
export * from './quoting.module';
export * from './quoting.results';
export * from './quoting.service';
