namespace Stagecraft.Core.Teardown;

/// <summary>What <c>infra down</c> did (or, on a dry run, would do) with one droplet.</summary>
public enum TeardownOutcome
{
    /// <summary>Dry run: it would be deleted.</summary>
    WouldDelete,

    /// <summary>Deleted, and seen gone.</summary>
    Deleted,

    /// <summary>Chosen for deletion, but still there (or the run was interrupted before it was seen gone).</summary>
    Failed,

    /// <summary>Declared, but no droplet of that name exists: nothing to delete.</summary>
    Absent,

    /// <summary>A droplet has the declared name but not both marker tags: left alone (a warning, not a failure).</summary>
    NotManaged,

    /// <summary>An unmanaged droplet kept because <c>--include-unmanaged</c> was not given (or <c>--host</c> limited the teardown).</summary>
    Kept,
}
