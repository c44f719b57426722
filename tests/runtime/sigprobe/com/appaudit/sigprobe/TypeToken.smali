.class public abstract Lcom/appaudit/sigprobe/TypeToken;
.super Ljava/lang/Object;
.source "TypeToken.java"

# Gson's TypeToken in small: the constructor reads its anonymous subclass's generic superclass.
.annotation system Ldalvik/annotation/Signature;
    value = {
        "<T:",
        "Ljava/lang/Object;",
        ">",
        "Ljava/lang/Object;"
    }
.end annotation

.method protected constructor <init>()V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    invoke-virtual {p0}, Ljava/lang/Object;->getClass()Ljava/lang/Class;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Class;->getGenericSuperclass()Ljava/lang/reflect/Type;
    move-result-object v0
    instance-of v0, v0, Ljava/lang/reflect/ParameterizedType;
    if-nez v0, :ok
    new-instance v0, Ljava/lang/RuntimeException;
    const-string v1, "Missing type parameter."
    invoke-direct {v0, v1}, Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V
    throw v0
    :ok
    return-void
.end method
