.class final Lcom/appaudit/sigprobe/MainActivity$1;
.super Lcom/appaudit/sigprobe/TypeToken;
.source "MainActivity.java"

# new TypeToken<List<String>>() {}: the type argument exists only in this Signature annotation.
.annotation system Ldalvik/annotation/Signature;
    value = {
        "Lcom/appaudit/sigprobe/TypeToken<",
        "Ljava/util/List<",
        "Ljava/lang/String;",
        ">;>;"
    }
.end annotation

.method constructor <init>()V
    .registers 1
    invoke-direct {p0}, Lcom/appaudit/sigprobe/TypeToken;-><init>()V
    return-void
.end method
