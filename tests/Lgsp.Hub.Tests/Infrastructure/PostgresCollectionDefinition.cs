using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Infrastructure;

[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresFixture>;
