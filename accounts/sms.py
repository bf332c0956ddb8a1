"""SMS gateways. Placeholder until the login issue lands."""

import logging

logger = logging.getLogger(__name__)


class ConsoleOutboxGateway:
    @staticmethod
    def send_sms(device, token):
        logger.info("SMS to %s: %s", device.number, token)

    @staticmethod
    def make_call(device, token):
        raise NotImplementedError
