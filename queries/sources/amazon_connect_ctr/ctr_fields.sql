-- ctr_fields: the fields callq reads from an Amazon Connect contact record (format
-- 2017-03-10), as a list of text values in this order, from the record's JSON text. A temp
-- macro, so that each record is parsed once, as the file is read (json-records.ts), instead
-- of once to check it and again to read it. ctr_contacts.sql types them by position.
-- Field paths and meanings: Amazon Connect's contact records data model
-- (docs/sources/amazon-connect.md).

create or replace temp macro ctr_fields(record) as json_extract_string(record, [
  '$.ContactId', '$.Channel', '$.InitiationMethod', '$.InitiationTimestamp',
  '$.ConnectedToSystemTimestamp', '$.DisconnectTimestamp', '$.LastUpdateTimestamp',
  '$.DisconnectReason', '$.PreviousContactId', '$.NextContactId',
  '$.Agent.Username', '$.Agent.ConnectedToAgentTimestamp', '$.Agent.AgentInteractionDuration',
  '$.Agent.CustomerHoldDuration', '$.Agent.AfterContactWorkDuration',
  '$.Queue.Name', '$.Queue.ARN', '$.Queue.EnqueueTimestamp', '$.Queue.DequeueTimestamp',
  '$.CustomerEndpoint.Address', '$.TransferredToEndpoint.Address', '$.TransferCompletedTimestamp'
]);
