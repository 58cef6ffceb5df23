-- The Vietnamese roster order of a full name as one text, so that lists sort on an index
-- (docs/decisions/010). Same table as lib/people/name-order.ts (a test checks they agree): the
-- four parts letters(given), tones(given), letters(full), tones(full) joined by chr(1), which
-- sorts below every mapped character, so comparing the joined text compares the parts in turn.
CREATE FUNCTION "taphuan_name_key"(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN translate(split_part(name, ' ', -1), 'nhgTHuiaâLoyNàcVĐrưPơDmêtùMQạAếKũịôấảSúYáệCíềọBứXăủOắUìờGòợpậộằÁÂẨÚÝƯớƠễầỳõặỗồýữốeldkvsbxqđfjwzãẳẵẩẫèẻẽéẹểỉĩỏóổởỡụừửựỷỹỵĂEÊFIJÔRWZÀẢÃẠẰẲẴẮẶẦẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨỤỪỬỮỨỰỲỶỸỴ', 'RLKZLaMACPSfRAEcGXbVUFQIZaQWAAIOaMTCAYafAIEMISDbeBaSBaMUKSUVCTBACCafbUUICfSBTTfbTHPFOcYDeWGJNdgABBCCHHHHHIMMSSTUUabbbfffBHIJMNTXdgAAAABBBBBCCCCHHHHHIIIIIMMMMMSSSSSTTTTTUUUUUaaaabbbbbffff') COLLATE "C"
    || chr(1) || translate(split_part(name, ' ', -1), 'nhgTHuiaâLoyNàcVĐrưPơDmêtùMQạAếKũịôấảSúYáệCíềọBứXăủOắUìờGòợpậộằÁÂẨÚÝƯớƠễầỳõặỗồýữốeldkvsbxqđfjwzãẳẵẩẫèẻẽéẹểỉĩỏóổởỡụừửựỷỹỵĂEÊFIJÔRWZÀẢÃẠẰẲẴẮẶẦẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨỤỪỬỮỨỰỲỶỸỴ', '000000000000010000000000010050403504204045041504002040110150551402440403113531434000000000000003232312345223242235125235000000000012351234513451234512345123451234512345123451235123451235') COLLATE "C"
    || chr(1) || translate(name, 'nhgTHuiaâLoyNàcVĐrưPơDmêtùMQạAếKũịôấảSúYáệCíềọBứXăủOắUìờGòợpậộằÁÂẨÚÝƯớƠễầỳõặỗồýữốeldkvsbxqđfjwzãẳẵẩẫèẻẽéẹểỉĩỏóổởỡụừửựỷỹỵĂEÊFIJÔRWZÀẢÃẠẰẲẴẮẶẦẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨỤỪỬỮỨỰỲỶỸỴ', 'RLKZLaMACPSfRAEcGXbVUFQIZaQWAAIOaMTCAYafAIEMISDbeBaSBaMUKSUVCTBACCafbUUICfSBTTfbTHPFOcYDeWGJNdgABBCCHHHHHIMMSSTUUabbbfffBHIJMNTXdgAAAABBBBBCCCCHHHHHIIIIIMMMMMSSSSSTTTTTUUUUUaaaabbbbbffff') COLLATE "C"
    || chr(1) || translate(name, 'nhgTHuiaâLoyNàcVĐrưPơDmêtùMQạAếKũịôấảSúYáệCíềọBứXăủOắUìờGòợpậộằÁÂẨÚÝƯớƠễầỳõặỗồýữốeldkvsbxqđfjwzãẳẵẩẫèẻẽéẹểỉĩỏóổởỡụừửựỷỹỵĂEÊFIJÔRWZÀẢÃẠẰẲẴẮẶẦẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨỤỪỬỮỨỰỲỶỸỴ', '000000000000010000000000010050403504204045041504002040110150551402440403113531434000000000000003232312345223242235125235000000000012351234513451234512345123451234512345123451235123451235') COLLATE "C";

-- A generated column: PostgreSQL keeps it right for every write, Prisma's included.
ALTER TABLE "User" ADD COLUMN "nameKey" TEXT COLLATE "C" GENERATED ALWAYS AS ("taphuan_name_key"("fullName")) STORED;

-- CreateIndex
CREATE INDEX "User_nameKey_id_idx" ON "User"("nameKey", "id");
