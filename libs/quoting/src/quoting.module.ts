import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@partsmith/catalog';
import { IdentityModule } from '@partsmith/identity';
import { PartsModule } from '@partsmith/parts';
import { PriceQuoteHandler } from './jobs/price-quote.job';
import { QuoteReviewService } from './quote-review.service';
import { Quote } from './quote.entity';
import { QuotingResolver } from './quoting.resolver';
import { QuotingService } from './quoting.service';

@Module({
  imports: [TypeOrmModule.forFeature([Quote]), IdentityModule, PartsModule, CatalogModule],
  providers: [QuotingService, QuoteReviewService, PriceQuoteHandler, QuotingResolver],
  exports: [QuotingService],
})
export class QuotingModule {}
