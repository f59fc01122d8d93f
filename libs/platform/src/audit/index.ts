export * from './audit-trail.service';
