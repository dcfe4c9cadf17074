using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// A command of the writer connection that runs on the cache's command for its text, so that
/// the text's statements stay prepared from one use to the next; disposing it hands that command
/// back. Parameters are the inner command's own (Dapper's type handlers see SqliteParameters).
/// The transaction and timeout are applied at each execution, since one inner command serves
/// many group transactions. Dapper may rewrite the text after adding parameters (expanding a
/// list into an IN list), holding on to the parameter collection it got: the inner command
/// then takes the new text itself, and is not kept (the next call will rewrite its text again).
/// </summary>
internal sealed class CachedSqliteCommand(DbConnection connection, SqliteStatementCache cache) : DbCommand
{
    private SqliteCommand? _inner;
    private DbConnection? _connection = connection;
    private DbTransaction? _transaction;
    private int? _timeout;
    private DbDataReader? _reader;
    private bool _rewritten;

    [AllowNull]
    public override string CommandText
    {
        get => _inner?.CommandText ?? string.Empty;
        set => UseText(value ?? string.Empty);
    }

    public override int CommandTimeout
    {
        get => _timeout ?? Inner.CommandTimeout;
        set => _timeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException($"SQLite runs only {CommandType.Text} commands, not {value}.");
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => _connection = value;
    }

    protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set => _transaction = value;
    }

    // Parameters asked for before any text (Dapper sets the text first) get an uncached command,
    // which then takes the text.
    private SqliteCommand Inner => _inner ??= cache.Rent(string.Empty);

    public override void Cancel() => _inner?.Cancel();

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Ready().ExecuteNonQueryAsync(cancellationToken);

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Ready().ExecuteScalarAsync(cancellationToken);

    public override void Prepare() => Ready().Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        _reader = Ready().ExecuteReader(behavior);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(
        CommandBehavior behavior,
        CancellationToken cancellationToken
    ) => _reader = await Ready().ExecuteReaderAsync(behavior, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _inner is { } inner)
        {
            _inner = null;

            try
            {
                // A reader left open would keep the statement running; the next use must find it reset.
                _reader?.Dispose();
            }
            finally
            {
                _reader = null;
                if (_rewritten)
                {
                    inner.Dispose();
                }
                else
                {
                    cache.Return(inner);
                }
            }
        }

        base.Dispose(disposing);
    }

    private void UseText(string text)
    {
        if (_inner is null)
        {
            _inner = cache.Rent(text);
        }
        else if (_inner.CommandText != text)
        {
            _inner.CommandText = text;
            _rewritten = true;
        }
    }

    private SqliteCommand Ready()
    {
        var inner = Inner;
        SqliteParameterNames.Prefix(inner.Parameters);
        inner.Transaction = (SqliteTransaction?)_transaction;
        inner.CommandTimeout = _timeout ?? inner.Connection!.DefaultTimeout;
        return inner;
    }
}
