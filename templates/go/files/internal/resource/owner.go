package resource

import "context"

type ownerKey struct{}

// WithOwner records the authenticated user in ctx; stores of owned entities only see that user's rows.
func WithOwner(ctx context.Context, userID string) context.Context {
	return context.WithValue(ctx, ownerKey{}, userID)
}

func ownerOf(ctx context.Context) string {
	id, _ := ctx.Value(ownerKey{}).(string)
	return id
}
