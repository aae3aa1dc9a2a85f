package billing

import (
	"context"

	"github.com/google/uuid"
)

// SimulatedSecretForTest is the signing secret of ws's simulated events.
func (h *Handler) SimulatedSecretForTest(ws uuid.UUID) string {
	return h.key.simulatedWebhookSecret(ws)
}

// ProcessForTest runs the event job's body, as River would.
func (h *Handler) ProcessForTest(ctx context.Context, ws uuid.UUID, eventID string) error {
	return h.process(ctx, ws, eventID)
}
