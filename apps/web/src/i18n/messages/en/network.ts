/** Words for the factory network's states and codes, shared by the factory workspace and the operator console. */
export const network = {
  factoryStatus: {
    applied: 'Applied',
    under_review: 'Under review',
    approved: 'Approved',
    rejected: 'Rejected',
    suspended: 'Suspended',
  },
  certificateStatus: {
    pending: 'Awaiting verification',
    verified: 'Verified',
    rejected: 'Rejected',
    expired: 'Expired',
  },
  certificateKind: {
    iso_9001: 'ISO 9001',
    as9100d: 'AS9100D',
    iso_13485: 'ISO 13485',
    iatf_16949: 'IATF 16949',
    iso_14001: 'ISO 14001',
    itar_registration: 'ITAR registration',
    other: 'Other certificate',
  },
  appealStatus: {
    open: 'Appeal open',
    upheld: 'Appeal upheld',
    dismissed: 'Appeal dismissed',
  },
  scoreEventKind: {
    delivery_on_time: 'Delivered on time',
    delivery_late: 'Delivered late',
    accepted_clean: 'Accepted without issues',
    disputed: 'Disputed',
    rework: 'Rework needed',
    offer_response: 'Answered an offer',
    offer_accepted: 'Accepted an offer',
    offer_declined: 'Declined an offer',
    review: 'Review',
    review_quality: 'Review: quality',
    review_timeliness: 'Review: timeliness',
    review_communication: 'Review: communication',
  },
};
