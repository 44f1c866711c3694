"""What the registers' endpoints answer: a document as the register's row shows it, and its history."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class DocumentEventSerializer(serializers.Serializer):
    action = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.full_name", default="")
    note = serializers.CharField()


class IncomingDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    status = serializers.CharField()
    received_as = serializers.CharField(source="source", help_text="paper, upload, edxml hoặc internal.")
    register_number = serializers.SerializerMethodField(help_text="Số đến/năm; trống khi chưa vào sổ.")
    received_at = serializers.DateTimeField()
    sender = serializers.CharField()
    number_notation = serializers.CharField()
    document_type = serializers.CharField()
    document_date = serializers.DateField()
    summary = serializers.CharField()
    signer = serializers.CharField()
    urgency = serializers.CharField()
    pages = serializers.IntegerField(allow_null=True)
    lead_unit = serializers.CharField(source="lead_unit.name", default="")
    due_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    result = serializers.CharField()
    dossier_code = serializers.CharField()

    def get_register_number(self, document: Any) -> str:
        return f"{document.entry.number}/{document.entry.year}" if document.entry else ""


class DocumentDeliverySerializer(serializers.Serializer):
    recipient = serializers.CharField(source="recipient_name")
    code = serializers.CharField(help_text="Mã trạng thái edXML: 01 đã đến … 06 hoàn thành, 15 đồng ý thu hồi.")
    description = serializers.CharField()
    updated_at = serializers.DateTimeField()


class OutgoingDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    status = serializers.CharField()
    number_notation = serializers.CharField(source="entry.number_notation", default="")
    document_type = serializers.CharField()
    summary = serializers.CharField()
    urgency = serializers.CharField()
    drafting_unit = serializers.CharField(source="drafting_unit.name")
    signer = serializers.CharField(source="approver.full_name", default="")
    created_at = serializers.DateTimeField()
    issued_at = serializers.DateTimeField(allow_null=True)
    dossier_code = serializers.CharField()


class IncomingDocumentDetailSerializer(IncomingDocumentSerializer):
    history = DocumentEventSerializer(source="events.all", many=True)


class OutgoingDocumentDetailSerializer(OutgoingDocumentSerializer):
    recipients = DocumentDeliverySerializer(source="statuses.all", many=True)
    history = DocumentEventSerializer(source="events.all", many=True)
