// English notices. Placeholders and variant keys: see types.ts.
import type { LanguagePack } from './types.ts';

const closedByReason = 'Request closed: {subject}';

export const EN: LanguagePack = {
  lang: 'en',
  greeting: 'Dear {recipientName},',
  greetingNoName: 'Hello,',
  facts: [
    'Request: {ticketNumber} – {subject}',
    'Building: {building}',
    'Room: {space}',
    'Work order: {workOrderNumber}',
    { link: 'url', label: 'Open in Presidio:' },
  ],
  footer: ['This is an automatic message from Presidio, the maintenance management system.'],
  replyHint:
    'To add information, reply to this e-mail from your address without changing the recipient: the reply address is personal and proves the reply is yours (do not forward this e-mail).',
  ratingInApp: "How did it go? Rate the service from the request's page.",
  priorities: { emergency: 'emergency', urgent: 'urgent', ordinary: 'ordinary', deferrable: 'deferrable' },
  kinds: {
    ticket_opened: {
      default: {
        subject: 'Request opened: {subject}',
        body: [
          'your request has been registered with number {ticketNumber}. We will keep you informed of its progress.',
          'Description: {description}',
        ],
      },
      variants: {
        '@call_center': {
          subject: 'New request: {subject}',
          body: ['request {ticketNumber} has been opened in building {building}.', 'Description: {description}'],
        },
        '@building_managers': {
          subject: 'New request: {subject}',
          body: ['request {ticketNumber} has been opened in a building in your competence ({building}).', 'Description: {description}'],
        },
        // The call center marked the ticket a danger to people while completing it (PATCH /api/tickets/{id}).
        'raise_danger@building_managers': {
          subject: 'Danger to people: {subject}',
          body: [
            'request {ticketNumber} in a building in your competence ({building}) is now reported as a danger to people (emergency priority).',
            'Description: {description}',
          ],
        },
      },
    },
    ticket_update: {
      default: {
        subject: 'Update: {subject}',
        body: ['request {ticketNumber} has been updated.', 'Note: {note}'],
      },
      variants: {
        record_inspection: {
          subject: 'Inspection carried out: {subject}',
          body: ['the inspection for request {ticketNumber} has been carried out.', 'Outcome of the inspection: {findings}'],
        },
        mark_in_plan: {
          subject: 'Work already planned: {subject}',
          body: [
            'the work you asked for is already in the planned-maintenance plan ({plannedActivity}): it will be done with the planned activity and request {ticketNumber} is closed.',
            'Note: {note}',
          ],
        },
        'mark_in_plan@building_managers': {
          subject: 'Planned activity proposed: {subject}',
          body: [
            'the contractor proposes to handle work order {workOrderNumber} with the planned activity "{plannedActivity}". Confirm or reject the proposal in Presidio.',
            "Contractor's note: {note}",
          ],
        },
        confirm_in_plan: {
          subject: 'Work already planned: {subject}',
          body: [
            'the work you asked for is already in the planned-maintenance plan: it will be done with the planned activity and request {ticketNumber} is closed.',
            'Note: {note}',
          ],
        },
        'reject_in_plan@contractor': {
          subject: 'Planned activity proposal rejected: {subject}',
          body: ['the building manager rejected the planned-activity proposal for work order {workOrderNumber}.', 'Reason: {reason}'],
        },
        mark_not_manageable: {
          subject: closedByReason,
          body: ['the request cannot be handled and request {ticketNumber} has been closed.', 'Reason: {reason}'],
        },
        deny_quote: {
          subject: closedByReason,
          body: [
            'the service head did not authorise the quote for the work: request {ticketNumber} has been closed.',
            'Reason for the refusal: {reason}',
          ],
        },
        schedule_work: {
          subject: 'Work scheduled: {subject}',
          body: ['the work for request {ticketNumber} is scheduled for {scheduledAt:datetime}.'],
        },
        wait_materials: {
          subject: 'Waiting for materials: {subject}',
          body: [
            'the work for request {ticketNumber} is on hold while the necessary materials arrive.',
            'Materials expected on: {expectedOn:date}.',
            'Note: {note}',
          ],
        },
        resume: {
          subject: 'New date for the work: {subject}',
          body: ['the materials are available: the work for request {ticketNumber} is rescheduled for {scheduledAt:datetime}.'],
        },
        dismiss: {
          subject: closedByReason,
          body: ['request {ticketNumber} has been closed without work.', 'Reason: {reason}'],
        },
        auto_close_cancel: {
          subject: closedByReason,
          body: [
            'work order {workOrderNumber} has been cancelled and request {ticketNumber} has been closed without work.',
            'Reason: {reason}',
          ],
        },
      },
    },
    ticket_closed: {
      default: {
        subject: 'Request closed: {subject}',
        body: [
          'the work has been completed and request {ticketNumber} has been closed.',
          'Note: {note}',
          {
            link: 'ratingUrl',
            label: 'How did it go? Rate the service with this link:',
            after:
              'The link works without logging in to Presidio and expires in {ratingDays} days. If the work was not actually done, say so in your rating: the request will be reopened.',
          },
        ],
      },
    },
    work_order_issued: {
      default: {
        subject: 'New work order {workOrderNumber}: {subject}',
        body: [
          "work order {workOrderNumber} has been issued, priority {priority:priority}. Take charge of it within the contract's times.",
          'Description: {description}',
          'Location: {location}',
        ],
      },
    },
    quote_submitted: {
      default: {
        subject: 'Quote to authorise: {subject}',
        body: [
          "the contractor submitted a quote for work order {workOrderNumber}: it awaits the service head's authorisation.",
          "Contractor's note: {note}",
        ],
      },
    },
    quote_decided: {
      default: {
        subject: 'Decision on the quote: {subject}',
        body: ['the service head decided on the quote for work order {workOrderNumber}.'],
      },
      variants: {
        approve_quote: {
          subject: 'Quote authorised: {subject}',
          body: ['the service head authorised the quote for work order {workOrderNumber}: the work can be scheduled.', 'Note: {note}'],
        },
        deny_quote: {
          subject: 'Quote not authorised: {subject}',
          body: [
            'the service head did not authorise the quote for work order {workOrderNumber}, which is closed.',
            'Reason for the refusal: {reason}',
          ],
        },
      },
    },
    completion_to_verify: {
      default: {
        subject: 'Work to verify: {subject}',
        body: [
          'the contractor completed work order {workOrderNumber}: verify the work, then accept or reject the completion.',
          'Work report: {report}',
        ],
      },
    },
    completion_rejected: {
      default: {
        subject: 'Completion rejected: {subject}',
        body: ['the completion of work order {workOrderNumber} was rejected: the work is scheduled again.', 'Reason: {reason}'],
      },
    },
    ticket_reopened: {
      default: {
        subject: 'Request reopened: {subject}',
        body: ['request {ticketNumber} has been reopened.', 'Reason: {reason}'],
      },
      variants: {
        rate: {
          body: [
            'the requester said in their rating that the work was not done: request {ticketNumber} has been reopened.',
            "Requester's comment: {comment}",
          ],
        },
        'reopen@requester': {
          body: ['your request {ticketNumber} has been reopened and will be taken up again.', 'Reason: {reason}'],
        },
        not_solved: {
          subject: 'Not solved, reopened: {subject}',
          body: ['the requester says the problem is not solved: request {ticketNumber} has been reopened.', "Requester's reason: {reason}"],
        },
      },
    },
    low_rating: {
      default: {
        subject: 'Low rating: {subject}',
        body: [
          'the requester rated request {ticketNumber} {stars} out of 5.',
          "Requester's comment: {comment}",
          'A follow-up of the rating is open: assign it and record its outcome on the Satisfaction page.',
        ],
      },
    },
    // #11 item 4: the one reminder, with a new link (the first one is stored only as a hash).
    rating_reminder: {
      default: {
        subject: 'Reminder: rate the service — {subject}',
        body: [
          'request {ticketNumber} was closed and you have not told us yet how it went.',
          {
            link: 'ratingUrl',
            label: 'You can rate the service with this link:',
            after:
              'The link works without logging in to Presidio, is valid until {expiresAt:datetime} and can be used once (the link in the first message still works too, but a request is rated once). This is the only reminder.',
          },
        ],
      },
    },
    reminder: {
      default: {
        subject: 'Reminder: {subject}',
        body: ['the requester sent a reminder about request {ticketNumber}.', "Requester's note: {note}"],
      },
    },
    complaint: {
      default: {
        subject: 'Complaint: {subject}',
        body: ['the requester made a complaint about request {ticketNumber}.', 'Complaint: {text}'],
      },
    },
    priority_changed: {
      default: {
        subject: 'Priority changed: {subject}',
        body: [
          'the priority of work order {workOrderNumber} is now {priority:priority}: the contractual times are recomputed.',
          'Reason: {reason}',
        ],
      },
    },
    work_order_cancelled: {
      default: {
        subject: 'Work order cancelled: {subject}',
        body: ['work order {workOrderNumber} has been cancelled: do not carry it out.', 'Reason: {reason}'],
      },
    },
    sla_warning: {
      default: {
        subject: 'Contractual time running out: {subject}',
        body: [
          'a contractual time of work order {workOrderNumber} (priority {priority:priority}) is about to run out: due {dueAt:datetime}, {remaining:duration} left.',
        ],
      },
      variants: {
        take_charge: {
          subject: 'Take charge due soon: {subject}',
          body: [
            'taking charge of work order {workOrderNumber} (priority {priority:priority}) is due {dueAt:datetime}: {remaining:duration} left.',
          ],
        },
        on_site: {
          subject: 'On-site visit due soon: {subject}',
          body: [
            'the on-site visit for work order {workOrderNumber} (priority {priority:priority}) is due {dueAt:datetime}: {remaining:duration} left.',
          ],
        },
        resolution: {
          subject: 'Resolution due soon: {subject}',
          body: [
            'the resolution of work order {workOrderNumber} (priority {priority:priority}) is due {dueAt:datetime}: {remaining:duration} left.',
          ],
        },
      },
    },
    sla_breach: {
      default: {
        subject: 'Contractual time exceeded: {subject}',
        body: [
          'a contractual time of work order {workOrderNumber} (priority {priority:priority}) ran out on {dueAt:datetime}: exceeded by {breachedBy:duration}.',
          'The delay may lead to the penalties set by the contract.',
        ],
      },
      variants: {
        take_charge: {
          subject: 'Take charge overdue: {subject}',
          body: [
            'taking charge of work order {workOrderNumber} (priority {priority:priority}) was due by {dueAt:datetime}: exceeded by {breachedBy:duration}.',
            'The delay may lead to the penalties set by the contract.',
          ],
        },
        on_site: {
          subject: 'On-site visit overdue: {subject}',
          body: [
            'the on-site visit for work order {workOrderNumber} (priority {priority:priority}) was due by {dueAt:datetime}: exceeded by {breachedBy:duration}.',
            'The delay may lead to the penalties set by the contract.',
          ],
        },
        resolution: {
          subject: 'Resolution overdue: {subject}',
          body: [
            'the resolution of work order {workOrderNumber} (priority {priority:priority}) was due by {dueAt:datetime}: exceeded by {breachedBy:duration}.',
            'The delay may lead to the penalties set by the contract.',
          ],
        },
      },
    },
    penalty_contested: {
      default: {
        subject: 'Formal penalty notice: {subject}',
        body: [
          'we formally contest the delay ({breachedBy:duration}) in carrying out work order {workOrderNumber}, for which contract {contract} (CIG {cig}) sets a penalty of {amount:money}, under art. 126 of Legislative Decree 36/2023.',
          'You may counter-argue by {termEndsAt:datetime}, in Presidio or by replying to this message.',
          'Attached: the notice with the timeline of the work order ({attachment}).',
          'Note: {note}',
        ],
      },
    },
    penalty_counter_argued: {
      default: {
        subject: 'Counter-arguments on a penalty: {subject}',
        body: [
          'the contractor counter-argued the penalty contested for work order {workOrderNumber} ({amount:money}): assess them and apply, reduce or waive it.',
          'Counter-arguments: {text}',
        ],
      },
    },
    penalty_decided: {
      default: {
        subject: 'Decision on a penalty: {subject}',
        body: ['a decision was taken on the penalty contested for work order {workOrderNumber}.', 'Reason: {reason}'],
      },
      variants: {
        apply: {
          subject: 'Penalty applied: {subject}',
          body: ['the penalty contested for work order {workOrderNumber} is applied: {finalAmount:money}.', 'Reason: {reason}'],
        },
        reduce: {
          subject: 'Penalty reduced: {subject}',
          body: [
            'the penalty contested for work order {workOrderNumber} is reduced to {finalAmount:money} (proposed: {amount:money}).',
            'Reason: {reason}',
          ],
        },
        waive: {
          subject: 'Penalty waived: {subject}',
          body: ['the penalty contested for work order {workOrderNumber} ({amount:money}) is not applied.', 'Reason: {reason}'],
        },
      },
    },
    // #7: not about a ticket; sent to one address, never as an in-app notification.
    email_change_confirm: {
      default: {
        subject: 'Confirm your new e-mail address',
        body: [
          'someone asked to use this address ({newEmail}) for the Presidio user {username}. It becomes your address only once confirmed.',
          {
            link: 'confirmUrl',
            label: 'To confirm, open this link and press "Confirm":',
            after: 'The link works once, until {expiresAt:datetime}.',
          },
          'If you did not ask for this change, ignore this message: the address will not be used.',
        ],
      },
    },
    email_change_requested: {
      default: {
        subject: 'E-mail address change requested',
        body: [
          'someone asked to replace this address with {newEmailMasked} for the Presidio user {username}. The change takes effect only if confirmed from the new address by {expiresAt:datetime}.',
          'If it was not you, change your password from your profile now (your other sessions will be closed) and tell the administrator.',
        ],
      },
    },
    document_returned: {
      default: {
        subject: 'Closing document to redo: {documentEn} — {subject}',
        body: [
          'the building manager returned the document "{documentEn}" of work order {workOrderNumber}.',
          'Reason: {reason}',
          'Upload the corrected document: the final account enters the accounts only once every closing document is accepted.',
        ],
      },
    },
    // #8, workflow 2: see templates.it.ts for the data each kind carries.
    spend_threshold: {
      default: {
        subject: 'Spend at {threshold} of the contract amount: {contract}',
        body: [
          'the spend committed and incurred on contract {contract} has reached {share} of the contract amount: {used:money} of {base:money} (flat fee of the whole term, approved quotes, approved final accounts).',
          'Check the room left before authorising more extra-fee work.',
        ],
      },
      variants: {
        ceiling: {
          subject: 'Spend at {threshold} of the lot ceiling: {contract}',
          body: [
            "the spend committed and incurred on contract {contract} has reached {share} of the framework agreement's maximum for the lot: {used:money} of {base:money}.",
            'Check the room left before authorising more extra-fee work.',
          ],
        },
      },
    },
    program_submitted: {
      default: {
        subject: 'Program to approve: {contract}, {month:month}',
        body: [
          'the contractor submitted the planned-maintenance program of {month:month} for contract {contract}: review it, then approve it or return it with your remarks.',
          "Contractor's note: {note}",
        ],
      },
    },
    program_returned: {
      default: {
        subject: 'Program returned: {contract}, {month:month}',
        body: [
          'the planned-maintenance program of {month:month} for contract {contract} was returned: correct it and submit it again.',
          'Remarks: {remarks}',
        ],
      },
    },
    program_approved: {
      default: {
        subject: 'Program approved: {contract}, {month:month}',
        body: [
          'the planned-maintenance program of {month:month} for contract {contract} was approved and will be published.',
          'Note: {note}',
        ],
      },
    },
    program_published: {
      default: {
        subject: 'Program published: {contract}, {month:month}',
        body: [
          'the planned-maintenance program of {month:month} for contract {contract} is published: its planned work orders are issued and shown in the calendar.',
        ],
      },
    },
    planned_date: {
      default: {
        subject: 'Planned work scheduled: {subject}',
        body: [
          'the planned activity "{activity}" (work order {workOrderNumber}) is scheduled for {scheduledAt:datetime}.',
          'Time window: from {windowFrom} to {windowTo}.',
          'Technician: {technician}',
        ],
      },
    },
    planned_new_date: {
      default: {
        subject: 'New date for planned work: {subject}',
        body: [
          'the planned activity "{activity}" (work order {workOrderNumber}) is moved to {scheduledAt:datetime}.',
          'Time window: from {windowFrom} to {windowTo}.',
          'Reason: {reason}',
        ],
      },
      variants: {
        resume: {
          body: [
            'the materials are available: the planned activity "{activity}" (work order {workOrderNumber}) is scheduled for {scheduledAt:datetime}.',
            'Time window: from {windowFrom} to {windowTo}.',
          ],
        },
      },
    },
    planned_waiting_materials: {
      default: {
        subject: 'Planned work waiting for materials: {subject}',
        body: [
          'the planned activity "{activity}" (work order {workOrderNumber}) is on hold until the materials it needs arrive.',
          'Materials expected on {expectedOn:date}.',
          'Note: {note}',
        ],
      },
    },
    planned_closed: {
      default: {
        subject: 'Planned work to verify: {subject}',
        body: [
          'the contractor completed the planned activity "{activity}" (work order {workOrderNumber}): check the work, then verify or reject the completion.',
          'Work report: {report}',
        ],
      },
    },
    planned_late: {
      default: {
        subject: 'Planned work late: {subject}',
        body: [
          'the planned activity "{activity}" (work order {workOrderNumber}) was not completed within the program\'s time and is late.',
          'Date in the plan: {dueOn:date}.',
          'Completion deadline: {deadline:date}.',
          'The delay may lead to the penalties the contract provides for.',
        ],
      },
    },
    in_plan_date: {
      default: {
        subject: 'Date of the planned work: {subject}',
        body: [
          'the work you asked for with request {ticketNumber} will be done with the planned activity "{activity}" (work order {plannedWorkOrderNumber}).',
          'Expected date: {plannedOn:date}.',
          'Expected date and time: {plannedAt:datetime}.',
        ],
      },
    },
  },
};
